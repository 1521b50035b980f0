//! Asking the kernel for large pages for a long body's buffers.
//!
//! Every 4 KiB page a process touches for the first time costs a page fault, and on the
//! virtual machines this is measured on (docs/PERFORMANCE.md) one costs about 2–4 µs: the
//! 10 MB body and its folded copy were 5 000 faults, a tenth of opening the article. Linux
//! gives 2 MiB pages to memory marked `MADV_HUGEPAGE` (transparent huge pages in their usual
//! `madvise` mode), one fault each. The advice changes nothing about the memory's contents,
//! and where it is not followed (another mode, another system) nothing changes at all.

/// Buffers smaller than this are left alone: they hold few whole 2 MiB pages.
const WORTH_IT: usize = 4 << 20;

const HUGE_PAGE: usize = 2 << 20;

/// Advises large pages for the spare capacity of `buf`, before it is written.
pub fn prefer_huge_pages(buf: &mut Vec<u8>) {
    if buf.capacity() < WORTH_IT {
        return;
    }
    let start = buf.as_mut_ptr() as usize;
    let end = start + buf.capacity();
    // Only whole huge pages inside the buffer.
    let (first, last) = (
        start.div_ceil(HUGE_PAGE) * HUGE_PAGE,
        end / HUGE_PAGE * HUGE_PAGE,
    );
    if last > first {
        advise(first, last - first);
    }
}

#[cfg(target_os = "linux")]
fn advise(at: usize, len: usize) {
    // SAFETY: `[at, at + len)` lies inside an allocation this process owns (a `Vec`'s
    // capacity) and is aligned to a page; MADV_HUGEPAGE is advice about how to back it and
    // changes neither its contents nor its mapping. A failure (no such support) is harmless.
    unsafe {
        libc::madvise(at as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
    }
}

#[cfg(not(target_os = "linux"))]
fn advise(_at: usize, _len: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_buffer_advised_keeps_what_is_written() {
        let mut buf = Vec::with_capacity(9 << 20);
        prefer_huge_pages(&mut buf);
        buf.extend((0..9 << 20).map(|i: usize| (i % 251) as u8));
        assert!(buf.iter().enumerate().all(|(i, &b)| b == (i % 251) as u8));
        let mut small = Vec::with_capacity(10);
        prefer_huge_pages(&mut small);
        small.push(1);
        assert_eq!(small, [1]);
    }
}
