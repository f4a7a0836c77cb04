package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.model.Page;
import dev.playlistgateway.domain.model.PageRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of lists read and cached in blocks of a fixed size: block {@code n} holds positions
 * {@code n * blockSize} up to {@code (n + 1) * blockSize}. Pure functions; a window is cut out of the
 * blocks that cover it.
 */
public final class Blocks {

    private Blocks() {
    }

    /** The block that holds {@code position}. */
    public static int of(int position, int blockSize) {
        return position / blockSize;
    }

    /** What to ask upstream for to read {@code block}. */
    public static PageRequest request(int block, int blockSize) {
        return PageRequest.of(block * blockSize, blockSize);
    }

    /**
     * The blocks, in order, from the one holding the window's first position to the last one that starts
     * before the window's end inside a list of {@code total} entries. None for an empty list or a window
     * that starts in a block past the end; a window that starts at the end of a part-filled last block
     * still names that block (callers answer such windows without a read where they can).
     */
    public static List<Integer> covering(PageRequest window, int blockSize, int total) {
        int end = Math.min(window.end(), total);
        List<Integer> blocks = new ArrayList<>();
        for (int block = of(window.offset(), blockSize); block * blockSize < end; block++) {
            blocks.add(block);
        }
        return blocks;
    }

    /** How many blocks a list of {@code total} entries takes: at least one (an empty list is one empty block). */
    public static int count(int total, int blockSize) {
        return Math.max(1, (total + blockSize - 1) / blockSize);
    }

    /**
     * Cuts {@code window} out of {@code blocks} (by block number) of a list of {@code total} entries. Stops
     * at the first position whose block is missing or too short: the list shrank between the reads of its
     * blocks, and what comes before is what is consistent.
     */
    public static <T> Page<T> cut(Map<Integer, Page<T>> blocks, int blockSize, PageRequest window, int total) {
        List<T> items = new ArrayList<>();
        int end = Math.min(window.end(), total);
        for (int position = window.offset(); position < end; position++) {
            Page<T> block = blocks.get(of(position, blockSize));
            if (block == null || position - block.offset() >= block.items().size()) {
                break;
            }
            items.add(block.items().get(position - block.offset()));
        }
        return new Page<>(items, window.offset(), total);
    }

    /**
     * The whole blocks (by block number) inside {@code page}, a read from the start of a list of
     * {@code total} entries that may be longer than one block; the last block of the list may be short.
     * None when the page does not start at 0 or counts another total.
     */
    public static <T> Map<Integer, Page<T>> wholeBlocksOf(Page<T> page, int blockSize, int total) {
        Map<Integer, Page<T>> blocks = new HashMap<>();
        if (page.offset() != 0 || page.total() != total) {
            return blocks;
        }
        for (int start = 0; start < total; start += blockSize) {
            int end = Math.min(start + blockSize, total);
            if (end > page.items().size()) {
                break;
            }
            blocks.put(of(start, blockSize), new Page<>(page.items().subList(start, end), start, total));
        }
        return blocks;
    }
}
