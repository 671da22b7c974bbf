-- The index as WildFly 39 (Hibernate 6.6) generated it on PostgreSQL before migrations
-- existed (commit 268b3ed, pg_dump --schema-only).
CREATE TABLE public.imagestore_image (
    height integer,
    width integer,
    created_micros bigint NOT NULL,
    image_modified bigint NOT NULL,
    image_size bigint NOT NULL,
    sidecar_modified bigint NOT NULL,
    created_at character varying(40) NOT NULL,
    filename character varying(128) NOT NULL,
    prompt_search character varying(4000),
    metadata_json character varying(65535),
    model_name character varying(255),
    source_name character varying(255)
);
CREATE TABLE public.imagestore_name_claim (
    claimed_millis bigint NOT NULL,
    filename character varying(128) NOT NULL
);
ALTER TABLE ONLY public.imagestore_image
    ADD CONSTRAINT imagestore_image_pkey PRIMARY KEY (filename);
ALTER TABLE ONLY public.imagestore_name_claim
    ADD CONSTRAINT imagestore_name_claim_pkey PRIMARY KEY (filename);
CREATE INDEX imagestore_image_model ON public.imagestore_image USING btree (model_name, created_micros);
CREATE INDEX imagestore_image_newest ON public.imagestore_image USING btree (created_micros DESC, filename DESC);
CREATE INDEX imagestore_image_source ON public.imagestore_image USING btree (source_name, created_micros);
