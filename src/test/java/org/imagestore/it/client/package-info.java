/**
 * The shipped client as its users take it: the README's Java SE example, compiled and run on its
 * own class path, and a Jakarta EE application that injects it, deployed beside imagestore.
 */
package org.imagestore.it.client;
