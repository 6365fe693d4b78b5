package dev.apical.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/// Extracts chosen members of a (gzipped) tar archive: enough of ustar, GNU long names and pax headers for
/// npm tarballs and the CIFAR-10 archive.
final class Tar {
    private Tar() {}

    /// Copies each member whose path is a key of `wanted` to the path it maps to; returns how many were found.
    static int extract(Path archive, Map<String, Path> wanted) throws IOException {
        int found = 0;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
            byte[] header = new byte[512];
            String longName = null;
            while (readBlock(in, header, archive)) {
                if (isZero(header)) break;
                String name = longName != null ? longName : headerName(header);
                longName = null;
                long size = parseOctal(header, 124, 12);
                char type = (char) header[156];
                long padded = (size + 511) / 512 * 512;
                if (type == 'L') {
                    longName = new String(in.readNBytes((int) size), StandardCharsets.UTF_8).replace("\0", "");
                    skip(in, padded - size, archive);
                    continue;
                }
                Path target = (type == '0' || type == 0) ? wanted.get(name) : null;
                if (target != null) {
                    try (OutputStream out = Files.newOutputStream(target)) {
                        copy(in, out, size, archive);
                    }
                    skip(in, padded - size, archive);
                    found++;
                } else {
                    skip(in, padded, archive);
                }
            }
        }
        return found;
    }

    private static String headerName(byte[] h) {
        String name = cString(h, 0, 100);
        if (h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r') {
            String prefix = cString(h, 345, 155);
            if (!prefix.isEmpty()) name = prefix + "/" + name;
        }
        return name.startsWith("./") ? name.substring(2) : name;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long parseOctal(byte[] b, int off, int len) {
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int c = b[i];
            if (c >= '0' && c <= '7') v = v * 8 + (c - '0');
        }
        return v;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    private static boolean readBlock(InputStream in, byte[] block, Path archive) throws IOException {
        int n = in.readNBytes(block, 0, block.length);
        if (n == 0) return false;
        if (n < block.length) throw new DataFileException(archive, "truncated tar archive (partial header block)");
        return true;
    }

    private static void copy(InputStream in, OutputStream out, long size, Path archive) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new DataFileException(archive, "truncated tar archive (member data cut short)");
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long n, Path archive) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new DataFileException(archive, "truncated tar archive");
        }
    }
}
