package org.ebp.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * One run sent to a member: the recipe as an {@code ebp-experiment} document, the run records'
 * group, the caller's hash of the data and split, the caller's member id (its runs end when it
 * leaves) and the task's id (the caller cancels it by that id on the cancel topic). Only strings travel; the member's {@link MemberWork} does the work and answers with a
 * {@link TaskCodec} reply.
 */
final class RunTask implements Callable<String>, Serializable, HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    private final String recipeJson;
    private final String group;
    private final String dataHash;
    private final UUID caller;
    private final String taskId;
    private transient HazelcastInstance member;

    RunTask(String recipeJson, String group, String dataHash, UUID caller, String taskId) {
        this.taskId = taskId;
        this.recipeJson = recipeJson;
        this.group = group;
        this.dataHash = dataHash;
        this.caller = caller;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public String call() {
        Object work = member.getUserContext().get(MemberWork.CONTEXT_KEY);
        String self = ClusterNode.name(member.getCluster().getLocalMember());
        if (!(work instanceof MemberWork w)) {
            return TaskCodec.declined(self, "takes no runs (no workbench engine on it)");
        }
        return w.run(recipeJson, group, dataHash, caller, taskId);
    }
}
