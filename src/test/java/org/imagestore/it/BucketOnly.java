package org.imagestore.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** A test about the {@code s3} back end: it runs only in the {@code s3} run. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfSystemProperty(
    named = "imagestore.it.storage",
    matches = "s3",
    disabledReason = "about the s3 back end")
public @interface BucketOnly {}
