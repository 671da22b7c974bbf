package org.imagestore.generate;

import jakarta.json.JsonObject;

/** One image the generator made, with the metadata it is stored with. */
public record GeneratedImage(byte[] png, JsonObject metadata) {}
