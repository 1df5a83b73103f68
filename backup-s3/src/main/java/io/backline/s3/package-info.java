/**
 * Backline storage on S3 and S3-compatible object stores (AWS S3, MinIO, Ceph RGW, Cloudflare R2, Backblaze B2), on
 * the AWS SDK for Java v2.
 *
 * <p>{@link io.backline.s3.S3Storage} maps the storage SPI one to one onto objects: the key {@code a/b} is the object
 * {@code <keyPrefix>a/b} in one bucket. Everything else in this package is package-private.
 */
package io.backline.s3;
