//! The three-way merge that keeps two readers' highlights (described on [`Store`](super::Store)).

use std::collections::{HashMap, HashSet};

use super::Highlight;

pub(super) fn sort(list: &mut [Highlight]) {
    list.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
}

pub(super) fn by_id(list: &[Highlight]) -> HashMap<String, Highlight> {
    list.iter().map(|h| (h.id.clone(), h.clone())).collect()
}

/// The three-way merge described on [`Store`]: `base` as this store last saw the disk, `local` as
/// it is now, `disk` as it is now.
pub(super) fn merge(
    base: &HashMap<String, Highlight>,
    local: &[Highlight],
    disk: &[Highlight],
) -> Vec<Highlight> {
    let mine: HashMap<&str, &Highlight> = local.iter().map(|h| (h.id.as_str(), h)).collect();
    let on_disk: HashSet<&str> = disk.iter().map(|h| h.id.as_str()).collect();
    let mut out = Vec::with_capacity(disk.len() + local.len());
    for d in disk {
        match (base.get(&d.id), mine.get(d.id.as_str())) {
            (Some(b), Some(l)) => out.push(merge_record(b, l, d)),
            // Removed here since the last save.
            (Some(_), None) => {}
            // Added here and there under one id: only a clash of ids gets here; ours wins.
            (None, Some(l)) => out.push((*l).clone()),
            // Added by the other reader.
            (None, None) => out.push(d.clone()),
        }
    }
    for l in local {
        if on_disk.contains(l.id.as_str()) {
            continue;
        }
        match base.get(&l.id) {
            // Removed by the other reader: gone, unless a person changed it here.
            Some(b) if !l.edited_since(b) => {}
            _ => out.push(l.clone()),
        }
    }
    out
}

/// One record changed here (`local`) and maybe there (`disk`) since `base`: our fields where we
/// changed them, theirs elsewhere.
fn merge_record(base: &Highlight, local: &Highlight, disk: &Highlight) -> Highlight {
    let mut out = disk.clone();
    if local.anchor() != base.anchor() {
        out.start = local.start;
        out.end = local.end;
        out.text.clone_from(&local.text);
        out.prefix.clone_from(&local.prefix);
        out.suffix.clone_from(&local.suffix);
        out.orphaned = local.orphaned;
    }
    if local.quote != base.quote {
        out.quote.clone_from(&local.quote);
    }
    if local.note != base.note {
        out.note.clone_from(&local.note);
    }
    if local.colour != base.colour {
        out.colour = local.colour;
    }
    if local.created != base.created {
        out.created.clone_from(&local.created);
    }
    out
}
