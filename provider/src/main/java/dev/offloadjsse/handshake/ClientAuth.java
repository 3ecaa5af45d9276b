package dev.offloadjsse.handshake;

/** Whether a server asks for a client certificate (JSSE's need/want client auth). */
public enum ClientAuth { NONE, WANT, NEED }
