package org.imagestore.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * A test about a local folder (hard links, temp files, a full disk, a front server reading the
 * files): skipped in the {@code s3} run.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@DisabledIfSystemProperty(
    named = "imagestore.it.storage",
    matches = "s3",
    disabledReason = "about a local folder")
public @interface FilesystemOnly {}
