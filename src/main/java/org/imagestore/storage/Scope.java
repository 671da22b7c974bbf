package org.imagestore.storage;

/**
 * Whose images a request may list and delete: everyone's (auth off, or an admin), or one owner's.
 * An image with no owner (saved with auth off) is in no owner's scope, only in everyone's.
 */
public record Scope(String owner) {
  public static final Scope EVERYONE = new Scope(null);

  public static Scope of(String owner) {
    if (owner == null) {
      throw new IllegalArgumentException("an owner's scope needs the owner");
    }
    return new Scope(owner);
  }

  public boolean everyone() {
    return owner == null;
  }

  /** Whether an image with this owner (null for none) is in the scope. */
  public boolean covers(String imageOwner) {
    return everyone() || owner.equals(imageOwner);
  }
}
