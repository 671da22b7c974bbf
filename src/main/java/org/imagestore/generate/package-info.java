/**
 * POST /api/generate behind the resource: the txt2img request checked against the configured limits
 * ({@link org.imagestore.generate.Txt2ImgRequest}), the call to an AUTOMATIC1111-compatible server
 * ({@link org.imagestore.generate.Generator}), its answer read as it streams in ({@link
 * org.imagestore.generate.Txt2ImgAnswer}), each image's recipe taken from what the generator really
 * used ({@link org.imagestore.generate.UsedSettings}), and the batch stored whole or not at all
 * ({@link org.imagestore.generate.BatchStore}).
 */
package org.imagestore.generate;
