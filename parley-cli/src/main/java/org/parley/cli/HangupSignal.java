package org.parley.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP for a long-running command: runs an action instead of the JVM's default, which would shut
 * down. The JDK has no public signal API; {@code sun.misc.Signal} (module {@code jdk.unsupported},
 * exported for exactly this) is reached reflectively because javac warns on every direct use of it,
 * and warnings fail this build. Where it is missing (another JVM), SIGHUP keeps its default and a
 * warning says so.
 *
 * <p>Thread model: the JVM runs the action on its own signal thread, one signal at a time.
 */
final class HangupSignal {
    private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {
    }

    /**
     * Installs {@code action} as the SIGHUP handler.
     *
     * @return whether it was installed
     */
    static boolean handle(Runnable action) {
        Objects.requireNonNull(action, "action");
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "SIGHUP handler";
                    });
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            return true;
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException | RuntimeException e) {
            LOG.warn("cannot handle SIGHUP on this JVM ({}); reload by restarting", e.toString());
            return false;
        }
    }
}
