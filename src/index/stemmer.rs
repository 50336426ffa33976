//! The English stemmer, less its worst conflations: a few words keep a stem of their own where
//! the Porter stemmer would merge them with a word of another meaning ("excellent" with the
//! spreadsheet "Excel", "experience" with "experiment").

use std::borrow::Cow;
use std::mem;

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words (lower-cased, ASCII-folded) and the stem each keeps. Each stem is one the English
/// stemmer gives no other word, so the family stays apart from the word it would merge with.
const OWN_STEMS: &[(&str, &str)] = &[
    // "excel" (the spreadsheet) and "excellent" both stem to "excel".
    ("excellent", "excellent"),
    ("excellence", "excellent"),
    ("excellently", "excellent"),
    // "experience" and "experiment" both stem to "experi".
    ("experience", "experience"),
    ("experiences", "experience"),
    ("experienced", "experience"),
    ("experiencing", "experience"),
    // "production" (models in production) and "product" (product manager) both stem to "product".
    ("production", "production"),
];

/// The English stemmer with [`OWN_STEMS`] as exceptions. Expects lower-cased tokens.
#[derive(Clone, Copy, Debug, Default)]
pub struct EnglishStemmer;

impl TokenFilter for EnglishStemmer {
    type Tokenizer<T: Tokenizer> = EnglishStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> EnglishStemmerFilter<T> {
        EnglishStemmerFilter { inner: tokenizer }
    }
}

/// [`EnglishStemmer`] applied to a tokenizer.
#[derive(Clone)]
pub struct EnglishStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for EnglishStemmerFilter<T> {
    type TokenStream<'a> = EnglishStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        EnglishStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: Stemmer::new(Algorithm::English),
            buffer: String::new(),
        }
    }
}

/// The tokens of an [`EnglishStemmerFilter`].
pub struct EnglishStemmerStream<T> {
    tail: T,
    stemmer: Stemmer,
    buffer: String,
}

impl<T: TokenStream> TokenStream for EnglishStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let own = OWN_STEMS.iter().find(|(word, _)| *word == token.text).map(|(_, stem)| *stem);
        let stem = match own {
            Some(stem) => Cow::Borrowed(stem),
            None => self.stemmer.stem(&token.text),
        };
        match stem {
            Cow::Owned(stem) => token.text = stem,
            Cow::Borrowed(stem) => {
                self.buffer.clear();
                self.buffer.push_str(stem);
                mem::swap(&mut token.text, &mut self.buffer);
            }
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
