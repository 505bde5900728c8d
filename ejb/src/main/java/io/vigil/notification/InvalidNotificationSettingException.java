package io.vigil.notification;

import io.vigil.shared.InvalidInputException;
import jakarta.ejb.ApplicationException;
import java.util.List;

/** A channel, route or silence that breaks one or more rules; the client gets 400 with all of them. */
@ApplicationException(rollback = true)
public class InvalidNotificationSettingException extends InvalidInputException {

    public InvalidNotificationSettingException(List<String> problems) {
        super(String.join("; ", problems));
    }
}
