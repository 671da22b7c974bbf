/**
 * The {@code s3} storage back end: objects in a bucket through the AWS SDK for Java v2 and its
 * URL-connection HTTP client ({@link org.imagestore.storage.s3.BucketStore}), configured by the
 * {@code imagestore.s3.*} keys ({@link org.imagestore.storage.s3.S3Settings}).
 */
package org.imagestore.storage.s3;
