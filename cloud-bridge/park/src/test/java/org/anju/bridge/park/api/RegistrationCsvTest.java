package org.anju.bridge.park.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.anju.bridge.park.i18n.Catalog;
import org.junit.jupiter.api.Test;

/** The registrations file as a police station's spreadsheet reads it. */
class RegistrationCsvTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static RegistrationCsv.Row row(String name) {
        return new RegistrationCsv.Row(name, "11010519491231002X", "13800138000", "Building 7", "301",
                Instant.parse("2026-11-30T16:00:00Z").toEpochMilli(), Instant.parse("2027-11-30T16:00:00Z").toEpochMilli(),
                Instant.parse("2026-12-06T13:04:00Z").toEpochMilli());
    }

    @Test
    void utf8WithABomCrlfEveryFieldQuotedDatesInTheParksZone() {
        String csv = RegistrationCsv.render(List.of(row("李伟"), row("Wang \"Xiao\" Ming")), Catalog.Lang.ZH, SHANGHAI);
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String[] lines = csv.substring(1).split("\r\n", -1);
        assertThat(lines).hasSize(4).endsWith("");
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n", "\r");
        assertThat(lines[0]).isEqualTo("\"姓名\",\"公民身份号码\",\"联系电话\",\"楼栋\",\"房间\",\"租住开始日期\",\"租住结束日期\",\"登记时间\"");
        assertThat(lines[1]).isEqualTo("\"李伟\",\"\t11010519491231002X\",\"\t13800138000\",\"Building 7\",\"301\",\"2026-12-01\","
                + "\"2027-12-01\",\"2026-12-06 21:04\"");
        assertThat(lines[2]).startsWith("\"Wang \"\"Xiao\"\" Ming\",");
    }

    @Test
    void headingsInEnglishWhenAskedFor() {
        assertThat(RegistrationCsv.render(List.of(), Catalog.Lang.EN, SHANGHAI)).isEqualTo("\uFEFF\"Name\",\"ID number\","
                + "\"Mobile number\",\"Building\",\"Room\",\"Lease start\",\"Lease end\",\"Registered at\"\r\n");
    }

    @Test
    void aCellThatLooksLikeAFormulaIsDefused() {
        for (String evil : List.of("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1")) {
            assertThat(RegistrationCsv.cell(evil)).as(evil).startsWith("'");
        }
        assertThat(RegistrationCsv.cell("李伟")).isEqualTo("李伟");
        assertThat(RegistrationCsv.cell("\t11010519491231002X")).as("our own tab before a number").isEqualTo("\t11010519491231002X");
        String csv = RegistrationCsv.render(List.of(row("=cmd|' /C calc'!A0")), Catalog.Lang.ZH, SHANGHAI);
        assertThat(csv).contains("\"'=cmd|' /C calc'!A0\"");
    }

    @Test
    void aRowNeverPrintsItsNumbers() {
        assertThat(row("李伟").toString()).doesNotContain("110105", "138001");
    }
}
