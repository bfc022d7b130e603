package org.parley.testkit.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finding the programs the launchers run (sipp, pg_ctl, redis-server…) the way a shell would.
 * Stateless.
 */
public final class Executables {
    private Executables() {
    }

    /** An executable file {@code name} in a directory of {@code PATH}. */
    public static Optional<Path> findOnPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (isExecutableFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code program} as a path when it names one, else looked up on {@code PATH}; empty when not executable. */
    public static Optional<Path> locate(String program) {
        if (program.contains(File.separator)) {
            return Optional.of(Path.of(program)).filter(Executables::isExecutableFile);
        }
        return findOnPath(program);
    }

    private static boolean isExecutableFile(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
