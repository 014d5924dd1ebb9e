//! The command line's own messages in the user's language: Chinese when the locale is Chinese
//! (`LC_ALL`, `LC_MESSAGES`, `LANG` = `zh_*`), English otherwise, or as `--lang` says. The
//! messages are the Fluent files of [`yusuan_report::i18n`].

use std::sync::OnceLock;

use clap::ValueEnum;
use yusuan_report::i18n::t;
use yusuan_report::{Lang, Messages};

/// `--lang`.
#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// 中文
    Zh,
    /// English
    En,
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// Fixes the language for the run: `--lang` when given, else the locale's.
pub fn init(arg: Option<LangArg>) {
    let lang = match arg {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    let _ = LANG.set(lang);
}

pub fn lang() -> Lang {
    *LANG.get_or_init(Lang::from_env)
}

pub fn msg() -> Messages {
    Messages::new(lang())
}

/// `error: …` / `错误：…` on standard error.
pub fn error(e: impl std::fmt::Display) {
    eprintln!("{}", msg().with("error", &[("message", t(&e.to_string()))]));
}
