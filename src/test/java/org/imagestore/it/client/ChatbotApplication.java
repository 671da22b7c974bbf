package org.imagestore.it.client;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The chat back end's own REST API, in the application InjectedClientIT deploys. */
@ApplicationPath("api")
public class ChatbotApplication extends Application {}
