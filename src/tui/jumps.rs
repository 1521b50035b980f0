//! The jump list, as vim keeps one: every jump (to a quote, a search hit, a mention, the top or
//! the bottom, from a pane with Enter) remembers where it left, `Ctrl-o` goes back through those
//! places and `Ctrl-i` (or `Ctrl-n`) forward again.

use super::action::Action;

/// Places the reader jumped from, as reading positions (char offsets into the body).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JumpList {
    places: Vec<usize>,
    /// Where `Ctrl-o` and `Ctrl-i` stand in `places`; `places.len()` when at the newest end.
    at: usize,
}

/// Enough for any reading session; the oldest places go first.
const MAX: usize = 100;

impl JumpList {
    /// A jump from `from` to `to`: `from` is remembered, and anything ahead of where `Ctrl-o`
    /// had gone is dropped, as a browser's forward history is.
    pub fn record(&mut self, from: usize, to: usize) {
        if from == to {
            return;
        }
        self.places.truncate(self.at);
        if self.places.last() != Some(&from) {
            self.places.push(from);
        }
        if self.places.len() > MAX {
            self.places.remove(0);
        }
        self.at = self.places.len();
    }

    /// `Ctrl-o` at `here`: the place to go back to, if any. The first step back remembers
    /// `here`, so that `Ctrl-i` can return to it.
    pub fn back(&mut self, here: usize) -> Option<usize> {
        if self.at == self.places.len() && self.places.last() != Some(&here) {
            self.places.push(here);
        }
        // Skip a place that is where the reader already is.
        while self.at > 0 {
            self.at -= 1;
            if self.places[self.at] != here {
                return Some(self.places[self.at]);
            }
        }
        None
    }

    /// `Ctrl-i`: the place to go forward to, if `Ctrl-o` went back from one.
    pub fn forward(&mut self, here: usize) -> Option<usize> {
        while self.at + 1 < self.places.len() {
            self.at += 1;
            if self.places[self.at] != here {
                return Some(self.places[self.at]);
            }
        }
        None
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

/// Whether an action is a jump (it may move the reading position far), as vim counts them.
/// Lines, pages and the mouse wheel are moves, not jumps.
pub fn is_jump(action: &Action) -> bool {
    matches!(
        action,
        Action::Top
            | Action::Bottom
            | Action::NextQuote
            | Action::PrevQuote
            | Action::NextSameSpeaker
            | Action::PrevSameSpeaker
            | Action::Open
            | Action::NextHit
            | Action::PrevHit
            | Action::PromptSubmit
            | Action::ClickAt { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_and_forward_walk_the_places_jumped_from() {
        let mut j = JumpList::default();
        j.record(0, 100);
        j.record(100, 500);
        assert_eq!(j.back(500), Some(100));
        assert_eq!(j.back(100), Some(0));
        assert_eq!(j.back(0), None);
        assert_eq!(j.forward(0), Some(100));
        assert_eq!(j.forward(100), Some(500));
        assert_eq!(j.forward(500), None);
    }

    #[test]
    fn a_new_jump_after_going_back_drops_what_was_ahead() {
        let mut j = JumpList::default();
        j.record(0, 100);
        j.record(100, 500);
        assert_eq!(j.back(500), Some(100));
        j.record(100, 900);
        assert_eq!(j.forward(900), None);
        assert_eq!(j.back(900), Some(100));
        assert_eq!(j.back(100), Some(0));
    }

    #[test]
    fn nothing_to_go_back_to_and_no_jump_in_place() {
        let mut j = JumpList::default();
        assert_eq!(j.back(7), None);
        assert_eq!(j.forward(7), None);
        j.record(5, 5);
        assert!(j.back(5).is_none());
    }

    #[test]
    fn the_list_is_bounded() {
        let mut j = JumpList::default();
        for i in 0..1000 {
            j.record(i * 2, i * 2 + 1);
        }
        assert!(j.len() <= MAX);
    }
}
