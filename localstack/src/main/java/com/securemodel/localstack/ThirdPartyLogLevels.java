package com.securemodel.localstack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Turns the embedded servers' own loggers down to WARN when Logback is the SLF4J binding. */
final class ThirdPartyLogLevels {

    private static final List<String> SERVER_LOGGERS = List.of(
            "com.amazonaws", "org.eclipse.jetty", "org.elasticmq", "org.apache.pekko", "org.gaul",
            "org.jclouds", "jclouds", "com.google.inject", "io.netty", "reactor", "com.azure");

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
    }

    private static boolean isLogback() {
        try {
            return LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext;
        } catch (NoClassDefFoundError e) {
            return false;
        }
    }
}
