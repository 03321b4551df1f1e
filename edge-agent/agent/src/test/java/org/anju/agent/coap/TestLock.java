package org.anju.agent.coap;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * A battery lock's side of the conversation, on a Californium client over DTLS-PSK: what the
 * lock firmware does, driven by the test. Requests wait at most {@code timeoutMs}; a request the
 * handshake refused comes back as {@code null}.
 */
public final class TestLock implements AutoCloseable {
    /** A response as the lock sees it: the dotted code and the payload's text. */
    public record Reply(String code, String text) {
    }

    private final String base;
    private final CoapEndpoint endpoint;
    private final List<CoapClient> clients = new CopyOnWriteArrayList<>();
    private final long timeoutMs;
    private volatile String lastError = "";

    public TestLock(String identity, byte[] key, int port, long timeoutMs) {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = Configuration.createStandardWithoutFile()
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                // the client retries a handshake that got no answer; give up on a refused one soon
                .set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 1)
                .set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key)).build();
        this.endpoint = new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
        this.base = "coaps://127.0.0.1:" + port;
        this.timeoutMs = timeoutMs;
    }

    public Reply post(String path, String json) {
        return send(CoAP.Code.POST, path, json.getBytes(StandardCharsets.UTF_8), MediaTypeRegistry.APPLICATION_JSON);
    }

    public Reply put(String path, String json) {
        return send(CoAP.Code.PUT, path, json.getBytes(StandardCharsets.UTF_8), MediaTypeRegistry.APPLICATION_JSON);
    }

    public Reply send(CoAP.Code method, String path, byte[] payload, int contentFormat) {
        Request request = new Request(method);
        request.setPayload(payload);
        if (contentFormat != MediaTypeRegistry.UNDEFINED) {
            request.getOptions().setContentFormat(contentFormat);
        }
        try {
            CoapResponse response = client(path).advanced(request);
            return response == null ? null : reply(response);
        } catch (org.eclipse.californium.elements.exception.ConnectorException | java.io.IOException e) {
            lastError = e.toString();
            return null;
        }
    }

    /** Why the last request got no response (a refused handshake, a time-out), if it did not. */
    public String lastError() {
        return lastError;
    }

    /** Observes {@code path}; every representation (the first answer and each notification) goes to {@code seen}. */
    public CoapObserveRelation observe(String path, Consumer<Reply> seen) {
        return client(path).observe(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                seen.accept(reply(response));
            }

            @Override
            public void onError() {
                // the test waits for what it expects to see; a failed observe shows as nothing seen
            }
        });
    }

    private CoapClient client(String path) {
        CoapClient client = new CoapClient(base + path);
        client.setEndpoint(endpoint);
        client.setTimeout(timeoutMs);
        clients.add(client);
        return client;
    }

    private static Reply reply(CoapResponse r) {
        return new Reply(r.getCode().codeClass + "." + String.format("%02d", r.getCode().codeDetail), r.getResponseText());
    }

    @Override
    public void close() {
        clients.forEach(CoapClient::shutdown);
        endpoint.destroy();
    }
}
