package dev.offloadjsse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import org.junit.jupiter.api.Test;

/** SSLSession application values (javadoc of putValue/removeValue), including binding events. */
class SessionValuesTest {

    @Test
    void valuesArePutReadRemovedAndListenersToldOfIt() {
        OffloadSession session = new OffloadSession("localhost", 443, null);
        List<String> events = new ArrayList<>();
        SSLSessionBindingListener listener = new SSLSessionBindingListener() {
            @Override
            public void valueBound(SSLSessionBindingEvent event) {
                events.add("bound " + event.getName());
            }

            @Override
            public void valueUnbound(SSLSessionBindingEvent event) {
                events.add("unbound " + event.getName());
            }
        };
        session.removeValue("absent");
        assertThat(session.getValueNames()).isEmpty();
        session.putValue("a", listener);
        session.putValue("b", "x");
        assertThat(session.getValue("a")).isSameAs(listener);
        assertThat(session.getValueNames()).containsExactlyInAnyOrder("a", "b");
        session.removeValue("a");
        assertThat(session.getValue("a")).isNull();
        assertThat(events).containsExactly("bound a", "unbound a");
    }
}
