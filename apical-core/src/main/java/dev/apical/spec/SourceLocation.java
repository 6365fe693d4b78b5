package dev.apical.spec;

/// Where a piece of configuration came from: file, 1-based line and column, and the key path inside the
/// document (e.g. `projection_config.H1.E.Input.E.direction`). Every spec record carries one, so errors
/// raised at build time can still point at the line that caused them.
public record SourceLocation(String file, int line, int column, String keyPath) {

    /// A location for specs made in code rather than read from a file.
    public static SourceLocation code(String keyPath) {
        return new SourceLocation("<code>", 0, 0, keyPath);
    }

    /// The same key path in another file.
    public SourceLocation withFile(String otherFile) {
        return new SourceLocation(otherFile, line, column, keyPath);
    }

    /// The same file position with a longer key path.
    public SourceLocation child(String key) {
        return new SourceLocation(file, line, column, keyPath.isEmpty() ? key : keyPath + "." + key);
    }

    /// `file:line:column` (or just the file when the position is unknown).
    public String position() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }

    @Override
    public String toString() {
        return keyPath.isEmpty() ? position() : position() + ": " + keyPath;
    }
}
