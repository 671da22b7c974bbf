package org.imagestore.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The JSON API under {@code /api}. MP-JWT is asked for here because the servers read it only from
 * this annotation (or web.xml), never from configuration; with {@code imagestore.auth} other than
 * jwt it is kept idle by the WAR's own MicroProfile Config file. The class is a CDI bean because
 * Payara looks for the annotation only on beans, and this WAR discovers annotated beans only.
 */
@ApplicationScoped
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
public class RestApplication extends Application {}
