package dev.kcb.report.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/** One self-contained HTML file: images embedded as base64 data URIs, styles inline. */
public final class HtmlWriter {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
            table{border-collapse:collapse;margin:0.5em 0 1.5em;font-size:0.9em}
            th,td{border:1px solid #ddd;padding:4px 8px}th{background:#f5f5f5;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            figure{margin:1em 0 2em}figcaption{color:#444;margin-bottom:0.4em}img{max-width:100%;height:auto;border:1px solid #eee}
            code{background:#f3f3f3;padding:0 3px;border-radius:3px}
            """;

    private HtmlWriter() {
    }

    /** @param imageDir where the Image blocks' files are, to embed them */
    public static String write(Doc doc, Path imageDir) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(doc.title())).append("</title>\n<style>").append(CSS).append("</style></head><body>\n<h1>")
                .append(esc(doc.title())).append("</h1>\n");
        for (Doc.Block b : doc.blocks()) {
            if (b instanceof Doc.Heading h) {
                sb.append("<h").append(h.level()).append('>').append(inline(h.text())).append("</h").append(h.level()).append(">\n");
            } else if (b instanceof Doc.Para p) {
                sb.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (b instanceof Doc.Table t) {
                table(sb, t);
            } else if (b instanceof Doc.Image i) {
                sb.append("<figure><figcaption>").append(inline(i.caption())).append("</figcaption><img alt=\"")
                        .append(esc(i.alt())).append("\" src=\"").append(dataUri(imageDir.resolve(i.file()))).append("\"></figure>\n");
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder sb, Doc.Table t) {
        sb.append("<table><thead><tr>");
        t.header().forEach(h -> sb.append("<th>").append(inline(h)).append("</th>"));
        sb.append("</tr></thead><tbody>\n");
        for (List<String> row : t.rows()) {
            sb.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                sb.append(t.numeric().get(i) ? "<td class=\"n\">" : "<td>").append(inline(row.get(i))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    private static String dataUri(Path file) {
        try {
            String mime = file.toString().endsWith(".svg") ? "image/svg+xml" : "image/png";
            return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Escapes, then turns **bold** and `code` into tags. */
    static String inline(String text) {
        return esc(text).replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>").replaceAll("`(.+?)`", "<code>$1</code>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
