import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { GridWorkerEntity } from '../regions/grid.entity.js';
import { UserEntity } from './user.entity.js';

@Injectable()
export class UsersRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(GridWorkerEntity) private readonly gridWorkers: Repository<GridWorkerEntity>,
  ) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username });
  }

  findByOpenid(openid: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ openid });
  }

  findByIdNumberHash(idNumberHash: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ idNumberHash });
  }

  findFirstByRole(role: UserEntity['role']): Promise<UserEntity | null> {
    return this.users.findOne({ where: { role }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insert(user: UserEntity): Promise<void> {
    await this.users.insert(user);
  }

  async update(id: string, patch: Partial<UserEntity>): Promise<void> {
    await this.users.update({ id }, patch);
  }

  async gridIdsOf(userId: string): Promise<string[]> {
    const rows = await this.gridWorkers.find({ where: { userId }, select: { gridId: true } });
    return rows.map((r) => r.gridId);
  }

  async countAll(): Promise<number> {
    return this.users.count();
  }
}
