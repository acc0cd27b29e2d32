package dev.kcb.report.page;

import java.util.ArrayList;
import java.util.List;

/**
 * The report page as blocks, written once by {@link ReportPage} and rendered by {@link MarkdownWriter} and
 * {@link HtmlWriter}, so both formats always say the same thing. Text may use **bold** and `code`.
 */
public final class Doc {
    public sealed interface Block permits Heading, Para, Table, Image {
    }

    public record Heading(int level, String text) implements Block {
    }

    public record Para(String text) implements Block {
    }

    /** @param numeric per column: right-aligned */
    public record Table(List<String> header, List<Boolean> numeric, List<List<String>> rows) implements Block {
    }

    /** @param file image file name, relative to the page */
    public record Image(String file, String alt, String caption) implements Block {
    }

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    public Doc(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public List<Block> blocks() {
        return blocks;
    }

    public Doc add(Block b) {
        blocks.add(b);
        return this;
    }
}
