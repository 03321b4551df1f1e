package org.anju.bridge.park.api;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.anju.bridge.park.i18n.Catalog;

/**
 * A building's floating-population registrations (流动人口登记) as the local police station's
 * spreadsheet opens them: UTF-8 with a byte-order mark (Excel then reads Chinese), lines ended by
 * CRLF, every field quoted with quotes doubled. Columns, in order: name, ID number, mobile number,
 * building, room, lease start, lease end (dates in the park's time zone), registered at (24-hour,
 * minutes). Headings are in the caller's language (Chinese unless English is asked for).
 * <p>
 * A cell a spreadsheet would take for a formula (starting with {@code = + - @}, a tab or a carriage
 * return) is prefixed with {@code '}, so a renter's name cannot run in the officer's spreadsheet.
 * ID and mobile numbers are written with a leading tab, so Excel keeps them as text: as numbers
 * an 18-digit ID number loses its last digits and a mobile number shows as 1.38E+10.
 */
final class RegistrationCsv {
    static final String BOM = "\uFEFF";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final List<String> HEADINGS = List.of("landlord.csv.name", "landlord.csv.idNumber", "landlord.csv.phone",
            "landlord.csv.building", "landlord.csv.room", "landlord.csv.leaseStart", "landlord.csv.leaseEnd",
            "landlord.csv.registeredAt");

    private RegistrationCsv() {
    }

    /** One registration, ID and mobile numbers in clear (opened for this export only). */
    record Row(String name, String idNumber, String phone, String building, String room, long leaseStart, long leaseEnd,
               long registeredAt) {
        @Override
        public String toString() {
            return "Row[" + building + "/" + room + "]"; // never the numbers
        }
    }

    static String render(List<Row> rows, Catalog.Lang lang, ZoneId zone) {
        StringBuilder out = new StringBuilder(BOM);
        line(out, HEADINGS.stream().map(code -> Catalog.park().text(lang, code)).toList());
        for (Row r : rows) {
            line(out, List.of(r.name(), "\t" + r.idNumber(), "\t" + r.phone(), r.building(), r.room(),
                    DAY.format(Instant.ofEpochMilli(r.leaseStart()).atZone(zone)),
                    DAY.format(Instant.ofEpochMilli(r.leaseEnd()).atZone(zone)),
                    MINUTE.format(Instant.ofEpochMilli(r.registeredAt()).atZone(zone))));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(cell(cells.get(i)).replace("\"", "\"\"")).append('"');
        }
        out.append("\r\n");
    }

    /** A cell as written: a formula-looking text defused; the tab we put before numbers is ours, not a formula. */
    static String cell(String text) {
        if (text.startsWith("\t") && text.length() > 1 && text.substring(1).chars().allMatch(c -> c >= '0' && c <= '9' || c == 'X')) {
            return text;
        }
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
