package io.curbside.api.testing;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Accounts over HTTP, as an app signs up and in: sessions are the JSON the API answers. */
public final class People {

    public static final String ADMIN_EMAIL = "admin@city.test";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    private final HttpClient client;

    public People(HttpClient client) {
        this.client = client;
    }

    /** Settings that make the first admin at start-up. */
    public static Map<String, String> bootstrapAdmin() {
        return Map.of("curbside.bootstrap-admin.email", ADMIN_EMAIL,
                "curbside.bootstrap-admin.password", ADMIN_PASSWORD);
    }

    /** A new resident with a unique address, signed in: sign-up answers nothing, so as to tell nothing. */
    public Map<String, Object> register(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        HttpResponse<?> created = client.toBlocking().exchange(HttpRequest.POST("/v1/accounts",
                Map.of("email", email, "password", password(email), "display_name", name)));
        assertEquals(HttpStatus.ACCEPTED, created.getStatus());
        return login(email, password(email));
    }

    /** The password {@link #register} gave an address. */
    public static String password(String email) {
        return "pw-" + email;
    }

    public Map<String, Object> login(String email, String password) {
        return client.toBlocking().retrieve(HttpRequest.POST("/v1/auth/login",
                Map.of("email", email, "password", password)), JSON);
    }

    public Map<String, Object> admin() {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** Has the admin set the account's roles, then signs it in again so its token carries them. */
    public Map<String, Object> withRoles(Map<String, Object> session, List<Map<String, String>> grants) {
        client.toBlocking().exchange(HttpRequest.PUT("/v1/admin/accounts/" + id(session) + "/roles",
                Map.of("grants", grants)).bearerAuth(token(admin())), JSON);
        return client.toBlocking().retrieve(HttpRequest.POST("/v1/auth/refresh",
                Map.of("refresh_token", session.get("refresh_token"))), JSON);
    }

    public Map<String, Object> staffOf(String department) {
        return withRoles(register("staff-" + department), List.of(Map.of("role", "staff", "department", department)));
    }

    public Map<String, Object> liaison(String name) {
        return withRoles(register(name), List.of(Map.of("role", "liaison")));
    }

    public static String token(Map<String, Object> session) {
        return (String) session.get("access_token");
    }

    @SuppressWarnings("unchecked")
    public static String id(Map<String, Object> session) {
        return (String) ((Map<String, Object>) session.get("account")).get("id");
    }

    @SuppressWarnings("unchecked")
    public static String email(Map<String, Object> session) {
        return (String) ((Map<String, Object>) session.get("account")).get("email");
    }
}
