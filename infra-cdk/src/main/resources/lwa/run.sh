#!/bin/sh
# Handler of the streaming function: the Lambda Web Adapter's wrapper (/opt/bootstrap) runs this script instead
# of the Java runtime's own entry point, and the adapter (a Lambda extension) forwards each Function URL request
# to the web server this starts on 127.0.0.1:8080, streaming the response back.
#
# _HANDLER names this script, not a Java class: Spring Cloud Function's AWS adapter (CustomRuntimeInitializer)
# would take that for a custom runtime and start its own Runtime API event loop, racing the adapter for events.
unset _HANDLER
# MaxRAMPercentage: the JVM's default heap (25 % of the function's memory) would leave most of it idle.
exec java -XX:MaxRAMPercentage=75 -cp "$LAMBDA_TASK_ROOT/lib/*" -Dspring.profiles.active=stream \
  com.securemodel.functions.SecureModelApplication
