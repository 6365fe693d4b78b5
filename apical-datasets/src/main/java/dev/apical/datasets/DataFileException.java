package dev.apical.datasets;

import java.io.IOException;
import java.nio.file.Path;

/// A data file that cannot be used: truncated, of the wrong format, inconsistent with its partner file, or
/// failing its checksum. The message starts with the file's path and says what is wrong.
public final class DataFileException extends IOException {
    private final Path file;

    public DataFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /// The offending file.
    public Path file() {
        return file;
    }
}
