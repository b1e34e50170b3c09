package io.leadgate.core;

/** One field at fault: its name as the client sent it, a stable code and a message for people. */
public record FieldError(String field, String code, String message) {
}
