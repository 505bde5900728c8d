package io.vigil.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.alert.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelDefinitionTest {

    private final TargetPolicy policy = new TargetPolicy("");

    @Test
    void mailAddressesMustBeOneAddressWithADomain() {
        assertNull(ChannelDefinition.addressRefusal("oncall@example.com"));
        assertNull(ChannelDefinition.addressRefusal("On Call <oncall@example.com>"));
        for (String bad : new String[] {"not-an-address", "a@b.com, c@d.com", "@example.com", "a@", "x y@z"}) {
            assertTrue(ChannelDefinition.addressRefusal(bad) != null, bad);
        }
    }

    @Test
    void everyProblemIsListed() {
        List<String> problems = new ChannelDefinition("", ChannelType.EMAIL, "nope", "secret", null).problems(policy);
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(new ChannelDefinition("ops", ChannelType.WEBHOOK, "http://127.0.0.1:1/", "s", Severity.INFO)
                .problems(policy).isEmpty());
    }
}
