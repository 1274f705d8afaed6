package com.securemodel.localstack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Turns the embedded servers' own loggers down to WARN when Logback is the SLF4J binding, leaving alone any level
 * the application configured. Pekko's jar-manifest check, which warns whenever a classpath jar has vanished (as
 * Surefire's booter jar does), goes to ERROR.
 */
final class ThirdPartyLogLevels {

    private static final List<String> SERVER_LOGGERS = List.of(
            "com.amazonaws", "org.eclipse.jetty", "org.elasticmq", "org.apache.pekko", "org.gaul",
            "org.jclouds", "jclouds", "com.google.inject", "io.netty", "reactor", "com.azure");
    private static final String PEKKO_MANIFEST_CHECK = "org.apache.pekko.util.ManifestInfo";

    private ThirdPartyLogLevels() {
    }

    static void quiet() {
        if (!isLogback()) {
            return;
        }
        for (String name : SERVER_LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
        Logger manifestCheck = (Logger) LoggerFactory.getLogger(PEKKO_MANIFEST_CHECK);
        if (manifestCheck.getLevel() == null) {
            manifestCheck.setLevel(Level.ERROR);
        }
    }

    private static boolean isLogback() {
        try {
            return LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext;
        } catch (NoClassDefFoundError e) {
            return false;
        }
    }
}
