package io.vigil.rule;

import io.vigil.shared.InvalidInputException;
import jakarta.ejb.ApplicationException;
import java.util.List;

/** A rule definition that breaks one or more of the rules in {@link RuleDefinition#problems()}. */
@ApplicationException(rollback = true)
public class InvalidRuleException extends InvalidInputException {

    public InvalidRuleException(List<String> problems) {
        super(String.join("; ", problems));
    }
}
