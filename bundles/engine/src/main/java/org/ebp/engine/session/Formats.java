package org.ebp.engine.session;

import java.util.Locale;
import java.util.Map;
import org.ebp.api.component.InvalidSettingException;

/** Number formatting and small parsers for session messages and settings. */
final class Formats {

    private Formats() {
    }

    /** A number as a person writes it: 1, -1, 0.9, 1.7159, 2.5e-05, inf. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            String mantissa = s.substring(0, s.indexOf('e'));
            String exponent = s.substring(s.indexOf('e'));
            return stripZeros(mantissa) + exponent;
        }
        return stripZeros(s);
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** An open range "(0, 1)". */
    static String range(double lower, double upper) {
        return "(" + number(lower) + ", " + number(upper) + ")";
    }

    static long parseLong(String owner, String key, String text, long fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException("'" + owner + "' setting " + key + "=" + text
                    + " is not a whole number; for example " + key + "=" + fallback);
        }
    }

    static boolean parseBoolean(String owner, String key, String text, boolean fallback) {
        if (text == null) {
            return fallback;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("1")) {
            return true;
        }
        if (t.equals("false") || t.equals("no") || t.equals("off") || t.equals("0")) {
            return false;
        }
        throw new InvalidSettingException("'" + owner + "' setting " + key + "=" + text + " is not a boolean; use true or false");
    }

    /** Removes {@code key} from {@code raw}, returning its trimmed value or the fallback. */
    static String take(Map<String, String> raw, String key, String fallback) {
        String v = raw.remove(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return v.trim();
    }

    /** Bytes as "3.2 GB", "512 MB". */
    static String bytes(long n) {
        if (n >= 1L << 30) {
            return number(Math.round(n / (double) (1L << 30) * 10) / 10.0) + " GB";
        }
        if (n >= 1L << 20) {
            return number(Math.round(n / (double) (1L << 20) * 10) / 10.0) + " MB";
        }
        return number(Math.round(n / 1024.0 * 10) / 10.0) + " KB";
    }
}
