package io.vigil.it;

import java.io.File;
import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The in-server test deployment: the real {@code vigil.ear} as the build made
 * it (EJB module, schema migrations, WAR), plus a small WAR holding the test
 * classes, so the services are tested exactly as they are packaged.
 */
final class Deployments {

    private Deployments() {
    }

    static EnterpriseArchive vigilWith(Class<?>... testClasses) {
        File ear = new File(System.getProperty("vigil.ear.file"));
        EnterpriseArchive archive = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
        WebArchive tests = ShrinkWrap.create(WebArchive.class, "vigil-tests.war")
                .addClasses(testClasses)
                .addClasses(Deployments.class, EventRecorder.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        // Without application.xml the server finds every module in the EAR, the test WAR included;
        // the real WAR keeps its context root "/" from its jboss-web.xml.
        archive.delete("META-INF/application.xml");
        archive.addAsModule(Testable.archiveToTest(tests));
        return archive;
    }
}
