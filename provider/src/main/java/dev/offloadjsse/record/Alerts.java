package dev.offloadjsse.record;

/** Alert records written in the clear, for failures before record protection is known. */
public final class Alerts {

    private Alerts() {
    }

    public static byte[] plaintext(boolean fatal, int description) {
        return new byte[] {ContentType.ALERT, 3, 3, 0, 2, (byte) (fatal ? 2 : 1), (byte) description};
    }
}
