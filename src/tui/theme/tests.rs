use super::catalogue::{BUILT_IN, built_in, user_dir_from};
use super::file::{index_colour, named_colour, parse};
use super::rgb::FALLBACK_BG;
use super::*;
use ratatui::style::Color;
use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn distinct(sources: &[ThemeSource]) -> bool {
    let set: HashSet<&str> = sources.iter().map(|s| s.name.as_str()).collect();
    set.len() == sources.len()
}

fn built(name: &str) -> Theme {
    match built_in(name) {
        Some(Ok(theme)) => theme,
        Some(Err(p)) => panic!("{name}: {p:#?}"),
        None => panic!("no built-in {name}"),
    }
}

fn rgb(theme: &Theme, c: Option<Color>, is_fg: bool) -> (u8, u8, u8) {
    resolve_rgb(c.unwrap_or(Color::Reset), is_fg, theme)
}

/// WCAG 2 relative luminance and contrast ratio.
fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    fn lum((r, g, b): (u8, u8, u8)) -> f64 {
        let ch = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)
    }
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// "Redmean" colour distance: cheap and close enough to perception to tell hues apart.
fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let r = (f64::from(a.0) + f64::from(b.0)) / 2.0;
    let d = |x: u8, y: u8| f64::from(x) - f64::from(y);
    let (dr, dg, db) = (d(a.0, b.0), d(a.1, b.1), d(a.2, b.2));
    ((2.0 + r / 256.0) * dr * dr + 4.0 * dg * dg + (2.0 + (255.0 - r) / 256.0) * db * db).sqrt()
}

fn write(dir: &Path, name: &str, src: &str) -> PathBuf {
    let path = dir.join(name);
    let mut f = fs::File::create(&path).unwrap();
    f.write_all(src.as_bytes()).unwrap();
    path
}

fn problems_of(src: &str) -> Vec<String> {
    match parse(src, Path::new("t.yaml"), Theme::default()) {
        Ok(_) => Vec::new(),
        Err(p) => p.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn built_in_themes_parse_cleanly_and_differ() {
    let dark = built("dark");
    let light = built("light");
    let high = built("high-contrast");
    assert_eq!(Theme::default(), dark);
    assert_ne!(
        dark.text,
        Theme::plain("x").text,
        "dark.yaml was not applied"
    );
    assert_ne!(dark.text, light.text);
    assert_ne!(dark.text, high.text);
    assert_eq!(high.name(), "high-contrast");
}

#[test]
fn light_and_high_contrast_state_every_role() {
    // They read as whole themes, so nothing of theirs may come from dark by accident: laid
    // over nothing at all, they must come out the same as laid over dark.
    for name in ["light", "high-contrast"] {
        let (_, src) = BUILT_IN.iter().find(|(n, _)| *n == name).unwrap();
        let file = Path::new("t.yaml");
        let over_dark = parse(src, file, built("dark")).unwrap();
        let over_nothing = parse(src, file, Theme::plain("dark")).unwrap();
        for ((role, a), (_, b)) in over_dark.roles().into_iter().zip(over_nothing.roles()) {
            assert_eq!(a, b, "{name}: {role} leans on dark");
        }
    }
}

#[test]
fn text_is_readable_in_every_built_in() {
    for (name, minimum) in [("dark", 4.5), ("light", 4.5), ("high-contrast", 7.0)] {
        let theme = built(name);
        let page = rgb(&theme, theme.text.bg, false);
        let band = rgb(&theme, theme.cursor_line.bg.or(theme.text.bg), false);
        // Foreground roles drawn on the page, and on the reading-position band.
        let mut on_page: Vec<(String, Style)> = (0..theme.speakers.len())
            .map(|i| (format!("speaker {i}"), theme.speaker(i)))
            .collect();
        on_page.push(("text".into(), theme.text));
        on_page.push(("heading".into(), theme.heading));
        on_page.push(("dim".into(), theme.dim));
        for kind in EntityKind::ALL {
            on_page.push((kind.as_str().into(), theme.entity(kind)));
        }
        for (role, style) in &on_page {
            let fg = rgb(&theme, style.fg.or(theme.text.fg), true);
            for bg in [page, band] {
                let c = contrast(fg, bg);
                assert!(c >= minimum, "{name}: {role} {fg:?} on {bg:?} is {c:.2}");
            }
        }
        // Roles that bring their own background.
        for (role, style) in theme.roles() {
            let (Some(fg), Some(bg)) = (style.fg, style.bg) else {
                continue;
            };
            let c = contrast(rgb(&theme, Some(fg), true), rgb(&theme, Some(bg), false));
            assert!(c >= minimum, "{name}: {role} is {c:.2}");
        }
        // The current quote is bold, which WCAG counts as large text: 3:1.
        if let Some(bg) = theme.current_quote.bg {
            for i in 0..theme.speakers.len() {
                let fg = rgb(&theme, theme.speaker(i).fg, true);
                let c = contrast(fg, rgb(&theme, Some(bg), false));
                assert!(
                    c >= 3.0,
                    "{name}: speaker {i} in the current quote is {c:.2}"
                );
            }
        }
    }
}

#[test]
fn eight_speaker_colours_far_apart_in_every_built_in() {
    for name in ["dark", "light", "high-contrast"] {
        let theme = built(name);
        assert!(theme.speakers.len() >= 8, "{name}");
        let text = rgb(&theme, theme.text.fg, true);
        let colours: Vec<_> = (0..8)
            .map(|i| rgb(&theme, theme.speaker(i).fg, true))
            .collect();
        for (i, a) in colours.iter().enumerate() {
            assert!(
                distance(*a, text) > 80.0,
                "{name}: speaker {i} looks like the text"
            );
            for (j, b) in colours.iter().enumerate().skip(i + 1) {
                let d = distance(*a, *b);
                assert!(d > 80.0, "{name}: speakers {i} and {j} are {d:.0} apart");
            }
        }
    }
}

#[test]
fn high_contrast_is_pure_bold_and_never_dim() {
    let theme = built("high-contrast");
    let pure = [(0, 0, 0), (255, 255, 255), (255, 255, 0), (0, 255, 255)];
    for (role, style) in theme.roles() {
        assert!(!style.add_modifier.contains(Modifier::DIM), "{role} is dim");
        if role.starts_with("speaker") || role.starts_with("highlight") {
            continue; // these need more hues than four; their contrast is checked above
        }
        for (c, is_fg) in [(style.fg, true), (style.bg, false)] {
            if let Some(c) = c {
                let v = resolve_rgb(c, is_fg, &theme);
                assert!(pure.contains(&v), "{role}: {v:?} is not pure");
            }
        }
    }
    for role in [
        theme.heading,
        theme.border_focused,
        theme.selection,
        theme.status,
    ] {
        assert!(role.add_modifier.contains(Modifier::BOLD));
    }
}

#[test]
fn a_theme_file_overrides_only_what_it_says() {
    let src = "heading: {fg: red}\nspeakers: [blue, \"#010203\", 7, {fg: cyan, italic: true}]\n";
    let base = Theme::default();
    let theme = parse(src, Path::new("t.yaml"), base.clone()).unwrap();
    // The colour changes; the default's bold stays.
    assert_eq!(theme.heading.fg, Some(Color::Red));
    assert!(theme.heading.add_modifier.contains(Modifier::BOLD));
    assert_eq!(theme.text, base.text);
    assert_eq!(theme.entity, base.entity);
    assert_eq!(theme.speaker(1).fg, Some(Color::Rgb(1, 2, 3)));
    assert_eq!(theme.speaker(2).fg, Some(Color::Indexed(7)));
    assert!(theme.speaker(3).add_modifier.contains(Modifier::ITALIC));
    assert_eq!(theme.speaker(4), theme.speaker(0), "the palette cycles");
}

#[test]
fn attributes_can_be_turned_off_and_colours_cleared() {
    let src = "heading: {bold: false}\ncurrent-quote: {bg: ~}\nentity: {person: ~}\n";
    let theme = parse(src, Path::new("t.yaml"), Theme::default()).unwrap();
    assert!(!theme.heading.add_modifier.contains(Modifier::BOLD));
    assert_eq!(theme.current_quote.bg, None);
    assert!(theme.current_quote.add_modifier.contains(Modifier::BOLD));
    assert_eq!(theme.entity(EntityKind::Person), Style::new());
}

#[test]
fn every_style_role_can_be_set() {
    let mut theme = Theme::plain("t");
    for role in STYLE_ROLES {
        let style = theme
            .style_role_mut(role)
            .unwrap_or_else(|| panic!("{role}"));
        *style = style.fg(Color::Red);
    }
    for (role, style) in theme.roles() {
        let expected = STYLE_ROLES.contains(&role.as_str());
        assert_eq!(style.fg == Some(Color::Red), expected, "{role}");
    }
}

#[test]
fn highlights_by_number_and_default() {
    let src = "highlight: {default: {bg: 1}, 3: {bg: 3}}\n";
    let theme = parse(src, Path::new("t.yaml"), Theme::default()).unwrap();
    assert_eq!(theme.highlight(None).bg, Some(Color::Indexed(1)));
    assert_eq!(theme.highlight(Some(3)).bg, Some(Color::Indexed(3)));
    assert_eq!(theme.highlight(Some(9)), theme.highlight(None));
    assert_ne!(theme.highlight(Some(2)), theme.highlight(Some(3)));
}

#[test]
fn highlight_colours_have_the_names_the_theme_gives_them() {
    let dark = built("dark");
    let names = |t: &Theme| t.highlight_names().to_vec();
    assert_eq!(
        names(&dark),
        ["yellow", "green", "blue", "pink"].map(|n| Some(n.to_string()))
    );
    assert_eq!(built("high-contrast").highlight_name(2), Some("cyan"));
    assert_eq!(dark.highlight_name(0), None);
    assert_eq!(dark.highlight_name(5), None);
    // A colour restyled without a name loses the base's: it may no longer be green.
    let src = "highlight: {2: {bg: red}}\nhighlight-names: {4: rose, 1: ~}\n";
    let theme = parse(src, Path::new("t.yaml"), dark.clone()).unwrap();
    assert_eq!(
        names(&theme),
        [
            None,
            None,
            Some("blue".to_string()),
            Some("rose".to_string())
        ]
    );
    // Named in the same file, in either order, it keeps the new name.
    let src = "highlight-names: {2: scarlet}\nhighlight: {2: {bg: red}}\n";
    let theme = parse(src, Path::new("t.yaml"), dark).unwrap();
    assert_eq!(theme.highlight_name(2), Some("scarlet"));
    let problems = problems_of("highlight-names: {5: grey, 1: [a]}\n");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("unknown highlight colour `5`"),
        "{problems:?}"
    );
    assert!(problems[1].contains("short text"), "{problems:?}");
}

#[test]
fn colours_in_every_spelling() {
    for (text, colour) in [
        ("light-red", Color::LightRed),
        ("LightRed", Color::LightRed),
        ("dark_grey", Color::DarkGray),
        ("reset", Color::Reset),
        ("#FF8000", Color::Rgb(255, 128, 0)),
        ("214", Color::Indexed(214)),
    ] {
        assert_eq!(named_colour(text), Ok(colour), "{text}");
    }
    assert!(named_colour("#ff800").is_err());
    assert!(named_colour("#ff80zz").is_err());
    assert!(named_colour("256").is_err());
    assert!(index_colour(-1).is_err());
}

#[test]
fn mistakes_are_located_with_a_suggestion() {
    let src = "text: {fg: \"#d0d0d0\"}\nheadng: {bold: true}\ntitle: {fg: yelow, bodl: true}\nborder: 300\nentity:\n  persn: {underline: true}\nhighlight: {5: {bg: red}}\nspeakers: []\nstatus: {bold: yes}\ndim: {fg: 1.5}\n";
    assert_eq!(
        problems_of(src),
        [
            "t.yaml:2:1: error: unknown theme role `headng`; did you mean `heading`?",
            "t.yaml:3:13: error: unknown colour `yelow`; did you mean `yellow`? a colour is a name (black, red, green, yellow, blue, magenta, cyan, gray, dark-gray, light-red, light-green, light-yellow, light-blue, light-magenta, light-cyan, white, reset), \"#rrggbb\" or a number 0-255",
            "t.yaml:3:20: error: unknown style key `bodl`; did you mean `bold`?",
            "t.yaml:4:9: error: colour 300 is out of range; a 256-colour index is 0-255",
            "t.yaml:6:3: error: unknown entity kind `persn`; did you mean `person`?",
            "t.yaml:7:13: error: unknown highlight `5`; highlights are default, 1, 2, 3, 4",
            "t.yaml:8:11: error: `speakers` needs at least one colour",
            "t.yaml:9:16: error: `bold` is true or false, not a string",
            "t.yaml:10:11: error: colour 1.5 is not a whole number 0-255",
        ]
    );
}

#[test]
fn syntax_errors_and_wrong_shapes_are_located() {
    let broken = problems_of("text: {fg: red\n");
    assert_eq!(broken.len(), 1);
    assert!(broken[0].starts_with("t.yaml:"), "{broken:?}");
    assert_eq!(
        problems_of("- text\n"),
        ["t.yaml:1:1: error: a theme is a mapping, not a list"]
    );
    assert_eq!(
        problems_of("name: mine\n"),
        ["t.yaml:1:1: error: a theme is named after its file; remove `name` or rename the file"]
    );
    assert_eq!(problems_of(""), Vec::<String>::new());
    assert_eq!(problems_of("# only a comment\n"), Vec::<String>::new());
}

#[test]
fn user_themes_are_found_and_win_over_built_ins() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "zebra.yaml", "heading: {fg: red}\n");
    let light = write(dir.path(), "light.yaml", "heading: {fg: blue}\n");
    write(dir.path(), "notes.txt", "not a theme");
    write(dir.path(), ".hidden.yaml", "");
    fs::create_dir(dir.path().join("folder.yaml")).unwrap();

    let sources = available(Some(dir.path()));
    assert!(distinct(&sources));
    let listed: Vec<String> = sources
        .iter()
        .map(|s| format!("{} {}", s.name, s.origin))
        .collect();
    assert_eq!(listed[0], "dark built-in");
    assert_eq!(listed[1], format!("light {}", light.display()));
    assert_eq!(listed[2], "high-contrast built-in");
    assert_eq!(
        listed[3],
        format!("zebra {}", dir.path().join("zebra.yaml").display())
    );
    assert_eq!(listed.len(), 4);

    // The user's light is laid over the built-in light, not over dark.
    let (theme, problems) = load("light", Some(dir.path()));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(theme.heading.fg, Some(Color::Blue));
    assert_eq!(theme.text, built("light").text);
    // Any other name is laid over the default.
    let (theme, _) = load("zebra", Some(dir.path()));
    assert_eq!(theme.name(), "zebra");
    assert_eq!(theme.text, built("dark").text);
    assert_eq!(theme.heading.fg, Some(Color::Red));
}

#[test]
fn a_broken_or_unknown_theme_falls_back_to_the_default_with_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bad.yaml", "text: {fg: purple}\n");
    let (theme, problems) = load("bad", Some(dir.path()));
    assert_eq!(theme, Theme::default());
    assert_eq!(problems.len(), 1);
    let shown = problems[0].to_string();
    assert!(
        shown.starts_with(&format!(
            "{}:1:12: error: unknown colour `purple`",
            path.display()
        )),
        "{shown}"
    );

    let (theme, problems) = load("ligth", Some(dir.path()));
    assert_eq!(theme.name(), DEFAULT);
    assert_eq!(
        problems[0].to_string(),
        "ligth: error: no such theme; did you mean `light`? the themes are dark, light, high-contrast, bad"
    );
    assert!(load("light", None).1.is_empty());
}

#[test]
fn next_name_cycles_through_what_is_available() {
    let sources = available(None);
    assert_eq!(names(&sources), ["dark", "light", "high-contrast"]);
    assert_eq!(next_name("dark", &sources), "light");
    assert_eq!(next_name("high-contrast", &sources), "dark");
    assert_eq!(next_name("gone", &sources), "dark");
    assert_eq!(next_name("dark", &[]), DEFAULT);
}

#[test]
fn user_dir_follows_xdg() {
    let dir = |x: Option<&str>, h: Option<&str>| {
        user_dir_from(x.map(OsString::from), h.map(OsString::from))
    };
    assert_eq!(
        dir(Some("/cfg"), Some("/home/a")),
        Some(PathBuf::from("/cfg/scholia/themes"))
    );
    let home = Some(PathBuf::from("/home/a/.config/scholia/themes"));
    assert_eq!(dir(None, Some("/home/a")), home);
    assert_eq!(dir(Some(""), Some("/home/a")), home);
    assert_eq!(dir(Some("relative"), Some("/home/a")), home);
    assert_eq!(dir(None, None), None);
    assert_eq!(dir(None, Some("")), None);
}

#[test]
fn no_color_removes_colours_but_keeps_every_mark() {
    for name in ["dark", "light", "high-contrast"] {
        let theme = built(name).no_color();
        for (role, style) in theme.roles() {
            assert_eq!((style.fg, style.bg), (None, None), "{name} {role}");
        }
        let has = |s: Style, m: Modifier| s.add_modifier.contains(m);
        assert!(has(theme.selection(), Modifier::REVERSED));
        assert!(has(theme.current_quote(), Modifier::REVERSED));
        assert!(has(theme.search_hit(), Modifier::REVERSED));
        assert!(has(theme.status(), Modifier::REVERSED));
        for kind in EntityKind::ALL {
            assert!(has(theme.entity(kind), Modifier::UNDERLINED), "{kind:?}");
        }
        for c in [None, Some(1), Some(4)] {
            let h = theme.highlight(c);
            assert!(has(h, Modifier::UNDERLINED) && has(h, Modifier::BOLD));
        }
        assert!(has(theme.speaker(3), Modifier::ITALIC));
        assert!(has(theme.heading(), Modifier::BOLD));
    }
    // Attributes the theme had are kept.
    let work = built("dark").no_color().entity(EntityKind::Work);
    assert!(work.add_modifier.contains(Modifier::ITALIC));
}

/// A highlight's colour is what tells it apart: no two of the five (none, 1–4) may look
/// the same in any built-in theme (colour 1 once looked exactly like an uncoloured one).
#[test]
fn every_highlight_colour_is_distinct_from_the_others() {
    for (name, _) in BUILT_IN {
        let theme = built(name);
        let all: Vec<Style> = [None, Some(1), Some(2), Some(3), Some(4)]
            .into_iter()
            .map(|c| theme.highlight(c))
            .collect();
        for i in 0..all.len() {
            for j in i + 1..all.len() {
                assert_ne!(all[i].bg, all[j].bg, "{name}: highlight {i} and {j}");
            }
        }
    }
}

#[test]
fn colours_resolve_to_what_xterm_shows() {
    let theme = built("dark");
    assert_eq!(resolve_rgb(Color::Indexed(16), true, &theme), (0, 0, 0));
    assert_eq!(resolve_rgb(Color::Indexed(196), true, &theme), (255, 0, 0));
    assert_eq!(
        resolve_rgb(Color::Indexed(231), true, &theme),
        (255, 255, 255)
    );
    assert_eq!(resolve_rgb(Color::Indexed(232), true, &theme), (8, 8, 8));
    assert_eq!(
        resolve_rgb(Color::Indexed(255), true, &theme),
        (238, 238, 238)
    );
    assert_eq!(resolve_rgb(Color::Indexed(9), true, &theme), (255, 0, 0));
    assert_eq!(resolve_rgb(Color::LightRed, true, &theme), (255, 0, 0));
    assert_eq!(resolve_rgb(Color::Rgb(1, 2, 3), false, &theme), (1, 2, 3));
    // Reset is the theme's text colour …
    assert_eq!(resolve_rgb(Color::Reset, true, &theme), (0xd0, 0xd0, 0xd0));
    assert_eq!(resolve_rgb(Color::Reset, false, &theme), (0x1c, 0x1c, 0x1c));
    let light = built("light");
    assert_eq!(resolve_rgb(Color::Reset, false, &light), (0xfa, 0xfa, 0xfa));
    // … or, when the theme leaves it to the terminal, a dark terminal's.
    let plain = built("light").no_color();
    assert_eq!(resolve_rgb(Color::Reset, false, &plain), FALLBACK_BG);
}

/// Beyond inequality: far enough apart (redmean) to be told apart at a glance.
#[test]
fn highlight_colours_stand_apart_from_the_uncoloured_highlight_in_every_built_in() {
    for name in ["dark", "light", "high-contrast"] {
        let theme = built(name);
        let plain = theme.highlight(None);
        let plain_bg = rgb(&theme, plain.bg, false);
        let mut seen = vec![plain_bg];
        for c in 1..=4u8 {
            let style = theme.highlight(Some(c));
            assert_ne!(
                style, plain,
                "{name}: colour {c} is the uncoloured highlight"
            );
            let bg = rgb(&theme, style.bg, false);
            for other in &seen {
                let d = distance(bg, *other);
                assert!(
                    d > 60.0,
                    "{name}: colour {c} {bg:?} is near {other:?} ({d:.0})"
                );
            }
            seen.push(bg);
        }
    }
}
