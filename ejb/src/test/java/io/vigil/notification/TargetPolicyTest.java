package io.vigil.notification;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TargetPolicyTest {

    private final TargetPolicy open = new TargetPolicy("");

    @Test
    void withoutAnAllowListOrdinaryHostsPassAndTheServersNeighbourhoodDoesNot() {
        assertNull(open.refusal("http://127.0.0.1:9000/hook", false));
        assertNull(open.refusal("https://10.1.2.3/hook", false));
        assertNull(open.refusal("https://hooks.example.invalid/x", false), "a name that does not resolve yet is kept");
        assertNotNull(open.refusal("https://hooks.example.invalid/x", true), "but not sent to");
        for (String bad : new String[] {"http://169.254.169.254/latest/meta-data/", "http://169.254.1.1/",
                "http://[fe80::1]/", "http://0.0.0.0/", "http://[::]/", "http://224.0.0.1/",
                "http://[::169.254.169.254]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[::ffff:169.254.169.254]/",
                "http://metadata.google.internal/", "http://100.100.100.200/"}) {
            assertNotNull(open.refusal(bad, false), bad);
        }
    }

    @Test
    void urlsThatAreNotHttpAreRefusedWithTheReason() {
        assertTrue(open.refusal("ftp://example.com/", false).contains("http"));
        assertTrue(open.refusal("file:///etc/passwd", false).contains("http"));
        assertTrue(open.refusal("example.com/x", false).contains("scheme"));
        assertTrue(open.refusal("http://exa mple.com/", false).contains("not a valid URL"));
        assertTrue(open.refusal("http:///path", false).contains("no host"));
    }

    @Test
    void anAllowListIsTheOnlyWayOutAndCanOpenALinkLocalBlock() {
        TargetPolicy listed = new TargetPolicy("hooks.example.invalid, *.ops.example.invalid, 10.0.0.0/8, 169.254.7.0/24");
        assertNull(listed.refusal("https://10.20.30.40/x", true));
        assertNull(listed.refusal("https://a.ops.example.invalid/x", false));
        assertNull(listed.refusal("https://hooks.example.invalid/x", false));
        assertNull(listed.refusal("http://169.254.7.9/", false), "a listed block opens a link-local address");
        assertNotNull(listed.refusal("http://169.254.169.254/", false));
        assertNotNull(listed.refusal("http://127.0.0.1/", false), "not listed");
        assertNotNull(listed.refusal("https://other.example.invalid/", false));
    }

    @Test
    void cidrBlocksMatchByPrefix() throws Exception {
        assertTrue(TargetPolicy.inBlock(InetAddress.getByName("10.255.0.1"), "10.0.0.0/8"));
        assertTrue(!TargetPolicy.inBlock(InetAddress.getByName("11.0.0.1"), "10.0.0.0/8"));
        assertTrue(TargetPolicy.inBlock(InetAddress.getByName("fd00::5"), "fd00::/8"));
        assertTrue(!TargetPolicy.inBlock(InetAddress.getByName("10.0.0.1"), "fd00::/8"));
    }
}
