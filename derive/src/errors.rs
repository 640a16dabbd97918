//! Collecting every error of a derive input before reporting, as serde_derive does.

use proc_macro2::TokenStream;

#[derive(Default)]
pub(crate) struct Errors {
    first: Option<syn::Error>,
}

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.first {
            Some(first) => first.combine(error),
            None => self.first = Some(error),
        }
    }

    pub(crate) fn error(&mut self, spanned: impl quote::ToTokens, message: impl std::fmt::Display) {
        self.push(syn::Error::new_spanned(spanned, message));
    }

    /// The generated code, or every collected error as compile errors.
    pub(crate) fn finish(self, output: TokenStream) -> TokenStream {
        match self.first {
            Some(error) => error.to_compile_error(),
            None => output,
        }
    }
}
