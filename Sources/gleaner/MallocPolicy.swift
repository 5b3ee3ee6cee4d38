import CMalloc

/// Process-wide allocator settings, applied once before any work starts.
///
/// glibc serves a request above the mmap threshold (128 KiB at start) with its own mapping,
/// returned to the system when freed; but each such free *raises* the threshold to the freed
/// size (up to 32 MiB). After the first big page, a page's large arrays (DOM nodes, text, the
/// input file) come from the worker threads' arenas instead, and the freed holes left between
/// live blocks stay resident: peak RSS over the 1,102 bench pages at `--jobs 2` went from
/// ~52 MB to ~55 MB that way, and kept creeping up over longer batches. A fixed threshold
/// turns the adaptation off. 1 MiB, not the 128 KiB default: below that, blocks are reused
/// from the arenas (a fresh mapping costs a page fault per 4 KiB touched: at 128 KiB the
/// run took about nine times the page faults it took with the adaptation; at 1 MiB, with
/// the trim threshold below, 1.3 times).
///
/// Fixing the threshold also fixes the trim threshold (free memory at the top of a heap
/// above which glibc hands it back) at its 128 KiB default, where the adaptation would have
/// raised it to twice the mmap threshold: each page's arrays were then given back and faulted
/// in again, 9,800 page faults on the 181 scrapinghub pages instead of 5,500. So it is set to
/// twice the mmap threshold, as glibc's own rule would.
enum MallocPolicy {
    static let mmapThreshold: Int32 = 1 << 20
    static let trimThreshold: Int32 = 2 << 20

    static func apply() {
        _ = mallopt(M_MMAP_THRESHOLD, mmapThreshold)
        _ = mallopt(M_TRIM_THRESHOLD, trimThreshold)
    }
}
