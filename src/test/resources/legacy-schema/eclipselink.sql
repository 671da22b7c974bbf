-- The index as Payara 6.2025.9 (EclipseLink 4.0) generated it on PostgreSQL before migrations
-- existed (commit 268b3ed, pg_dump --schema-only).
CREATE TABLE public.imagestore_image (
    filename character varying(128) NOT NULL,
    created_at character varying(40) NOT NULL,
    created_micros bigint NOT NULL,
    height integer,
    image_modified bigint NOT NULL,
    metadata_json character varying(65535),
    model_name character varying(255),
    prompt_search character varying(4000),
    sidecar_modified bigint NOT NULL,
    image_size bigint NOT NULL,
    source_name character varying(255),
    width integer
);
CREATE TABLE public.imagestore_name_claim (
    filename character varying(128) NOT NULL,
    claimed_millis bigint NOT NULL
);
ALTER TABLE ONLY public.imagestore_image
    ADD CONSTRAINT imagestore_image_pkey PRIMARY KEY (filename);
ALTER TABLE ONLY public.imagestore_name_claim
    ADD CONSTRAINT imagestore_name_claim_pkey PRIMARY KEY (filename);
CREATE INDEX imagestore_image_model ON public.imagestore_image USING btree (model_name, created_micros);
CREATE INDEX imagestore_image_newest ON public.imagestore_image USING btree (created_micros DESC, filename DESC);
CREATE INDEX imagestore_image_source ON public.imagestore_image USING btree (source_name, created_micros);
