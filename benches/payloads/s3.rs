//! An S3 `ListObjectsV2` response (restXml): 1000 `Contents`, some keys escaped.
