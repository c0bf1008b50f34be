package org.ebp.engine.runs;

import java.nio.file.Path;
import org.ebp.api.runs.RunRecord;
import org.ebp.api.runs.RunRecords;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** The {@link RunRecords} service: the runs folder of the workbench home ({@code ebp.user.home}). */
@Component(service = RunRecords.class)
public final class RunRecordsService implements RunRecords {

    private RunFolder folder;

    @Activate
    void activate() {
        folder = RunFolder.ofHome();
    }

    @Override
    public Path folder() {
        return folder.folder();
    }

    @Override
    public Listing list() {
        return folder.list();
    }

    @Override
    public RunRecord get(String id) {
        return folder.get(id);
    }

    @Override
    public String export(String id) {
        return folder.export(id);
    }

    @Override
    public String adopt(String lines, String origin) throws java.io.IOException {
        return folder.adopt(lines, origin);
    }
}
