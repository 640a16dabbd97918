//! Derive macros for awsval.
