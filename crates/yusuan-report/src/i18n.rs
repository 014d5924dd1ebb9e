//! The language people read (语言): the human output of `yusuan check` and the command line's own
//! messages are Chinese or English. The messages are Fluent files, `locales/zh/yusuan.ftl` and
//! `locales/en/yusuan.ftl`, compiled into the binary; the language comes from `--lang`, else
//! from the locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`: `zh_*` is Chinese, anything else
//! English).

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language yusuan speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    /// 中文（简体）.
    Zh,
}

impl Lang {
    /// The language of the process's locale.
    pub fn from_env() -> Lang {
        Lang::from_locale(|name| std::env::var(name).ok())
    }

    /// The language of a locale given by its variables, in POSIX precedence: the first of
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty decides.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| var(name).filter(|v| !v.is_empty()));
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    fn source(self) -> (&'static str, &'static str) {
        match self {
            Lang::En => ("en", include_str!("../locales/en/yusuan.ftl")),
            Lang::Zh => ("zh-CN", include_str!("../locales/zh/yusuan.ftl")),
        }
    }
}

/// The messages of one language.
pub struct Messages {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("lang", &self.lang)
            .finish()
    }
}

impl Messages {
    pub fn new(lang: Lang) -> Messages {
        let (tag, ftl) = lang.source();
        let id: LanguageIdentifier = tag.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![id]);
        // The output is plain text for terminals and files: no Unicode isolation marks.
        bundle.set_use_isolating(false);
        // The files are part of the source and tested (see the tests below): a syntax error
        // there keeps the messages that did parse.
        let resource = FluentResource::try_new(ftl.to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
        Messages { lang, bundle }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message `id` without arguments.
    pub fn get(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with its arguments: `msg.with("count-errors", &[("count", 3.into())])`.
    pub fn with(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut a = FluentArgs::new();
        for (k, v) in args {
            a.set(*k, v.clone());
        }
        self.format(id, Some(&a))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            // A missing message shows its id rather than nothing; the tests keep this from
            // happening.
            return id.to_string();
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

/// A number as a message argument.
pub fn n(count: usize) -> FluentValue<'static> {
    FluentValue::from(count)
}

/// A text as a message argument.
pub fn t(text: &str) -> FluentValue<'_> {
    FluentValue::from(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(ftl: &str) -> Vec<String> {
        let r = FluentResource::try_new(ftl.to_string()).expect("the .ftl file parses");
        let mut ids: Vec<String> = r
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn both_languages_parse_and_have_the_same_messages() {
        let en = ids(Lang::En.source().1);
        let zh = ids(Lang::Zh.source().1);
        assert!(en.len() > 40, "{en:?}");
        assert_eq!(en, zh);
    }

    #[test]
    fn the_locale_chooses_the_language() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_locale(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
        // LC_ALL wins over LANG; an empty variable does not count.
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_TW.UTF-8")])),
            Lang::Zh
        );
    }

    #[test]
    fn plurals_follow_the_language() {
        let en = Messages::new(Lang::En);
        assert_eq!(en.with("count-errors", &[("count", n(1))]), "1 error");
        assert_eq!(en.with("count-errors", &[("count", n(3))]), "3 errors");
        assert_eq!(
            en.with(
                "compare-rows",
                &[
                    ("changed", n(1)),
                    ("added", n(0)),
                    ("removed", n(2)),
                    ("unchanged", n(30))
                ]
            ),
            "(1 row changed, 0 added, 2 removed; 30 unchanged)"
        );
        let zh = Messages::new(Lang::Zh);
        assert_eq!(zh.with("count-errors", &[("count", n(1))]), "1 个错误");
        assert_eq!(zh.with("count-infos", &[("count", n(145))]), "145 条提示");
        assert_eq!(zh.get("severity-warning"), "警告");
        assert_eq!(zh.get("figure-separator"), "，");
        assert_eq!(en.get("figure-separator"), ", ");
    }
}
