package dev.kcb.report.page;

import java.util.List;

/** GitHub-flavoured markdown with relative image links: renders as is on a code host. */
public final class MarkdownWriter {
    private MarkdownWriter() {
    }

    public static String write(Doc doc) {
        StringBuilder sb = new StringBuilder("# ").append(doc.title()).append("\n\n");
        for (Doc.Block b : doc.blocks()) {
            if (b instanceof Doc.Heading h) {
                sb.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Doc.Para p) {
                sb.append(p.text()).append("\n\n");
            } else if (b instanceof Doc.Table t) {
                table(sb, t);
            } else if (b instanceof Doc.Image i) {
                sb.append(i.caption()).append("\n\n")
                        .append("![").append(i.alt().replace("]", ")")).append("](").append(i.file()).append(")\n\n");
            }
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, Doc.Table t) {
        row(sb, t.header());
        sb.append('|');
        for (int i = 0; i < t.header().size(); i++) {
            sb.append(t.numeric().get(i) ? "---:|" : "---|");
        }
        sb.append('\n');
        t.rows().forEach(r -> row(sb, r));
        sb.append('\n');
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        cells.forEach(c -> sb.append(' ').append(c.replace("|", "\\|")).append(" |"));
        sb.append('\n');
    }
}
