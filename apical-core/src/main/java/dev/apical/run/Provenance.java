package dev.apical.run;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/// Where a result came from: library version, source commit, Java runtime and machine, and start time.
/// The commit is read from the system property `apical.commit` (set by the `apical` launcher).
public record Provenance(String version, String commit, String javaVersion, String javaVendor, String os, String arch,
                         int cores, Instant startedAt) {

    public static Provenance current() {
        return new Provenance(libraryVersion(), System.getProperty("apical.commit", "unknown"), System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), Instant.now());
    }

    /// The library version baked in at build time.
    public static String libraryVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/dev/apical/version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apical_version", version);
        m.put("commit", commit);
        m.put("java_version", javaVersion);
        m.put("java_vendor", javaVendor);
        m.put("os", os);
        m.put("arch", arch);
        m.put("cores", cores);
        m.put("started_at", startedAt.toString());
        return m;
    }
}
