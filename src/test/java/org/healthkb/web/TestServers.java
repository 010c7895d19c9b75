package org.healthkb.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import org.healthkb.KnowledgeBase;

/**
 * The server as {@link WebServer#create} makes it, except that stopping does not wait for requests
 * in flight: Jetty's graceful stop costs about a second even with none, and most tests start and
 * stop a server of their own. {@code GracefulStopTest} tests the wait with the real configuration.
 */
final class TestServers {
    private TestServers() {
    }

    static Javalin create(KnowledgeBase kb) {
        return WebServer.create(kb, TestServers::stopAtOnce);
    }

    static void stopAtOnce(JavalinConfig config) {
        config.jetty.modifyServer(server -> server.setStopTimeout(0));
    }
}
