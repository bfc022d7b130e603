package org.parley.message;

/** Slots of a message's cache of typed header values. Internal to the package. */
final class TypedSlot {
    static final int REQUEST_URI = 0;
    static final int VIA = 1;
    static final int TOP_VIA = 2;
    static final int FROM = 3;
    static final int TO = 4;
    static final int CALL_ID = 5;
    static final int CSEQ = 6;
    static final int CONTACT = 7;
    static final int ROUTE = 8;
    static final int RECORD_ROUTE = 9;
    static final int CONTENT_TYPE = 10;
    static final int PATH = 11;
    static final int COUNT = 12;

    private TypedSlot() {
    }
}
