package org.imagestore.generate;

import static org.imagestore.storage.ImageStoreException.invalidInput;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;
import org.imagestore.storage.StoredImage;

/**
 * A generate body, checked: what goes to the generator ({@code forGenerator}, every field as the
 * client sent it but imagestore's {@code metadata}), the client's metadata, and how many images the
 * call makes. Missing sizes count as A1111's defaults, which the generator then uses too.
 */
public record Txt2ImgRequest(JsonObject forGenerator, JsonObject metadata, int images) {
  /** A1111's defaults for the fields the limits are about. */
  static final int DEFAULT_SIZE = 512;

  static final int DEFAULT_STEPS = 20;

  /** Half of what an image's metadata may hold: the rest is for the generator's recipe. */
  static final int MAX_CLIENT_METADATA_CHARS = StoredImage.MAX_METADATA_CHARS / 2;

  static final double DEFAULT_HR_SCALE = 2.0;

  /** Reads a body, refusing (400) what breaks a configured limit before anything is sent. */
  public static Txt2ImgRequest of(JsonValue body, GeneratorConfig limits) {
    if (!(body instanceof JsonObject object)) {
      throw invalidInput("the body must be a JSON object: an A1111 txt2img request");
    }
    JsonObject metadata = JsonValue.EMPTY_JSON_OBJECT;
    JsonValue given = object.get("metadata");
    if (given instanceof JsonObject m) {
      metadata = m;
    } else if (given != null && given != JsonValue.NULL) {
      throw invalidInput("metadata must be a JSON object");
    }
    // The client's metadata is stored with every image, beside the recipe: refused before the
    // generator works, not after (the store refuses more than StoredImage.MAX_METADATA_CHARS).
    if (metadata.toString().length() > MAX_CLIENT_METADATA_CHARS) {
      throw new ImageStoreException(
          Failure.TOO_LARGE,
          "metadata is over " + MAX_CLIENT_METADATA_CHARS + " characters as JSON");
    }
    if (object.get("send_images") == JsonValue.FALSE) {
      throw invalidInput("send_images must not be false: the images are what is stored");
    }
    int width = count(object, "width", DEFAULT_SIZE);
    int height = count(object, "height", DEFAULT_SIZE);
    int steps = count(object, "steps", DEFAULT_STEPS);
    int batchSize = count(object, "batch_size", 1);
    int iterations = count(object, "n_iter", 1);
    within("width", width, limits.maxWidth());
    within("height", height, limits.maxHeight());
    within("steps", steps, limits.maxSteps());
    long images = (long) batchSize * iterations;
    if (images > limits.maxImages()) {
      throw invalidInput(
          "batch_size x n_iter is "
              + images
              + ", over imagestore.generate.max-images ("
              + limits.maxImages()
              + ")");
    }
    if (object.get("enable_hr") == JsonValue.TRUE) {
      checkHiresSize(object, width, height, limits);
    }
    JsonObjectBuilder forGenerator = Json.createObjectBuilder(object).remove("metadata");
    return new Txt2ImgRequest(forGenerator.build(), metadata, (int) images);
  }

  /**
   * The hires fix makes images larger than width x height: the size A1111 upscales to, from {@code
   * hr_resize_x/y} (the other side kept in proportion when one is 0) or {@code hr_scale}.
   */
  private static void checkHiresSize(
      JsonObject request, int width, int height, GeneratorConfig limits) {
    long resizeX = zeroOrCount(request, "hr_resize_x");
    long resizeY = zeroOrCount(request, "hr_resize_y");
    long hiresWidth;
    long hiresHeight;
    if (resizeX == 0 && resizeY == 0) {
      double scale = scale(request);
      hiresWidth = (long) (width * scale);
      hiresHeight = (long) (height * scale);
    } else if (resizeY == 0) {
      hiresWidth = resizeX;
      hiresHeight = resizeX * height / width;
    } else if (resizeX == 0) {
      hiresWidth = resizeY * width / height;
      hiresHeight = resizeY;
    } else {
      hiresWidth = resizeX;
      hiresHeight = resizeY;
    }
    within("the hires fix's width", hiresWidth, limits.maxWidth());
    within("the hires fix's height", hiresHeight, limits.maxHeight());
  }

  private static double scale(JsonObject request) {
    JsonValue value = request.get("hr_scale");
    if (value == null || value == JsonValue.NULL) {
      return DEFAULT_HR_SCALE;
    }
    if (!(value instanceof JsonNumber number) || number.doubleValue() <= 0) {
      throw invalidInput("hr_scale must be a positive number");
    }
    return number.doubleValue();
  }

  private static void within(String name, long value, int limit) {
    if (value > limit) {
      throw invalidInput(name + " is " + value + ", over the limit of " + limit);
    }
  }

  /** A positive integer field, or A1111's default when it is missing or null. */
  private static int count(JsonObject request, String name, int byDefault) {
    JsonValue value = request.get(name);
    if (value == null || value == JsonValue.NULL) {
      return byDefault;
    }
    long n = integer(name, value);
    if (n < 1) {
      throw invalidInput(name + " must be a positive integer, is " + value);
    }
    return (int) n;
  }

  /** A non-negative integer field, 0 when missing (A1111's "not set" for hr_resize_x/y). */
  private static long zeroOrCount(JsonObject request, String name) {
    JsonValue value = request.get(name);
    if (value == null || value == JsonValue.NULL) {
      return 0;
    }
    long n = integer(name, value);
    if (n < 0) {
      throw invalidInput(name + " must not be negative, is " + value);
    }
    return n;
  }

  /** Clamped to int's range so that a huge value reads as over any limit, not as wrapped round. */
  private static long integer(String name, JsonValue value) {
    if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
      throw invalidInput(name + " must be an integer, is " + value);
    }
    var exact = number.bigDecimalValue();
    if (exact.compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      return Integer.MAX_VALUE;
    }
    if (exact.signum() < 0) {
      return -1;
    }
    return exact.intValue();
  }
}
